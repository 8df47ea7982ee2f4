package io.servicetsunami.adapters.chatexport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails once more than {@code limit} bytes have been read through it. */
final class LimitedInputStream extends FilterInputStream {

  /** Thrown when the limit is passed; an IOException so that it passes through parsers. */
  static final class LimitExceeded extends IOException {
    LimitExceeded() {
      super("size limit exceeded");
    }
  }

  private final long limit;
  private long read;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void count(long n) throws LimitExceeded {
    read += n;
    if (read > limit) {
      throw new LimitExceeded();
    }
  }
}
