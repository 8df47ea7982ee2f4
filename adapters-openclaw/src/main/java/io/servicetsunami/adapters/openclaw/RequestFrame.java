package io.servicetsunami.adapters.openclaw;

/** A client request: {@code {"type":"req","id":…,"method":…,"params":…}}. */
record RequestFrame(String type, String id, String method, Object params) {

  static RequestFrame of(String id, String method, Object params) {
    return new RequestFrame("req", id, method, params);
  }
}
