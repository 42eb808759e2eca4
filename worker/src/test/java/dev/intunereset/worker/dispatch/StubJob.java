package dev.intunereset.worker.dispatch;

import java.util.UUID;

/** A test job of one fixed request, whose cancel behaves like its abandon. */
interface StubJob extends TaskJob {
  UUID REQUEST = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

  @Override
  default void start() {}

  @Override
  default UUID requestId() {
    return REQUEST;
  }

  @Override
  default boolean cancel() {
    return abandon();
  }
}
