package io.servicetsunami.adapters.chatexport;

/** A conversation does not have the shape of its export format; the message says what is wrong. */
final class ExportException extends RuntimeException {

  ExportException(String message) {
    super(message, null, false, false);
  }
}
