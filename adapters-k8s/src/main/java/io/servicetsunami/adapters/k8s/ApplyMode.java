package io.servicetsunami.adapters.k8s;

/** How install writes the release's objects. */
public enum ApplyMode {
  /**
   * Server-side apply (field manager {@value ReleaseLayout#FIELD_MANAGER}, forced); when the API
   * server does not support it (415) or does not create on apply (404), create-or-merge for that
   * object instead. The production mode.
   */
  SERVER_SIDE_APPLY,
  /**
   * Read; create when absent, otherwise merge the desired object into the one read (RFC 7386) and
   * replace it at the resourceVersion read.
   */
  CREATE_OR_MERGE
}
