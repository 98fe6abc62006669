package dev.herald.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.FolderKey;
import dev.herald.identity.MessageIds;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marks that make a proof recognisable, and never a contact's. */
class ProofMarksTest {
  @TempDir Path dir;

  @Test
  void aProofsMessageIdIsNewEachTimeAndRecognisable() {
    String a = MessageIds.proof("spring-release", "press@press.example");
    String b = MessageIds.proof("spring-release", "press@press.example");
    assertNotEquals(a, b);
    assertTrue(a.matches("<proof\\.spring-release\\.[a-z2-7]{16}@press\\.example>"), a);
    assertTrue(MessageIds.isProof(a));
    FolderKey key = FolderKey.load(Map.of(), dir);
    String real =
        MessageIds.of(key, "spring-release", "anna@gazeta.example", "press@press.example");
    assertFalse(MessageIds.isProof(real));
  }

  @Test
  void aProofsReferenceIsNotTheContactsAndIsReadOnlyAsAProof() {
    FolderKey key = FolderKey.load(Map.of(), dir);
    String ref = MessageIds.ref(key, "spring-release", "anna@gazeta.example");
    String proof = MessageIds.proofRef(key, "spring-release", "anna@gazeta.example");
    assertNotEquals(ref, proof);
    assertEquals(MessageIds.REF_CHARS, proof.length());
    String subject = "Re: Interview request: spring-release [proof:" + proof + "]";
    assertTrue(ReplyWords.hasProofToken(subject));
    assertTrue(ReplyWords.refTokens(subject).isEmpty(), "a proof's token is no reference");
    assertTrue(ReplyWords.hasProofToken("[ PROOF : " + proof.toUpperCase() + " ]"));
    assertFalse(ReplyWords.hasProofToken("Interview request: spring-release [ref:" + ref + "]"));
    assertFalse(ReplyWords.hasProofToken("[PROOF] Fostering digitalisation"));
  }
}
