package dev.herald;

public final class Main {
  public static void main(String[] args) {
    System.out.println("herald");
  }
}
