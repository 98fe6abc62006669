package dev.herald.cli;

import dev.herald.HeraldException;
import dev.herald.delivery.SendRun;
import picocli.CommandLine.Option;

/** How a send goes: how many, how fast, over how many connections, and whom it tries again. */
public final class SendRunOptions {
  @Option(names = "--limit", paramLabel = "N", description = "Send at most N messages in this run.")
  Integer limit;

  @Option(
      names = "--connections",
      paramLabel = "N",
      defaultValue = "4",
      converter = SettingConverters.Connections.class,
      description = "SMTP connections in parallel, 1 to 64.")
  int connections;

  @Option(
      names = "--rate",
      paramLabel = "N/min",
      converter = SettingConverters.RateConverter.class,
      description = "At most N messages a minute over all connections (also N/s, N/h).")
  Rate rate;

  @Option(
      names = "--retry-failed",
      description = "Also retry recipients that failed permanently before.")
  boolean retryFailed;

  @Option(
      names = "--retry-unknown",
      description =
          "Also send again to recipients whose outcome is unknown: their message went out whole"
              + " and no reply came, so they may receive it twice.")
  boolean retryUnknown;

  /** Exit 2 for a limit below one (picocli reads any whole number). */
  void requireValid() {
    if (limit != null && limit < 1) {
      throw HeraldException.input("--limit must be at least 1");
    }
  }

  /** The run's options: these, and the retry settings that have no option. */
  SendRun.Options options(Settings settings) {
    return new SendRun.Options(
        retryFailed,
        limit == null ? 0 : limit,
        connections,
        (rate == null ? settings.rate() : rate).perMinute(),
        settings.attempts(),
        settings.retryDelay(),
        retryUnknown);
  }
}
