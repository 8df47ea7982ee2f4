package io.servicetsunami.app.http;

import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.LengthRequiredResponse;
import io.javalin.http.UploadedFile;
import io.servicetsunami.ports.error.ErrorCode;
import io.servicetsunami.ports.error.InvalidInputException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * File uploads, size-limited. An upload comes as a {@code multipart/form-data} part or, for a
 * single document, as the raw request body. Its length must be declared ({@code Content-Length}),
 * so that an oversized upload is refused with 413 before any of it is read or stored; the part
 * itself is checked again once the form is parsed.
 */
final class Uploads {

  /** Room for multipart boundaries, part headers and small form fields around the file. */
  static final long FORM_OVERHEAD_BYTES = 64 * 1024;

  /** A file as received: its name (if the client gave one) and its content. */
  record Upload(
      Optional<String> fileName, Optional<String> contentType, long size, InputStream content) {}

  private Uploads() {}

  /**
   * The file in the form part {@code part}, or the raw body if the request is not a multipart form.
   *
   * @throws ContentTooLargeResponse 413 if the file or the request is larger than allowed
   * @throws InvalidInputException 400 if a multipart form has no such part
   */
  static Upload file(Context ctx, String part, long maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared < 0) {
      throw new LengthRequiredResponse("an upload must declare its Content-Length");
    }
    boolean multipart = ctx.isMultipartFormData();
    long allowed = multipart ? maxBytes + FORM_OVERHEAD_BYTES : maxBytes;
    if (declared > allowed) {
      throw tooLarge(maxBytes);
    }
    if (!multipart) {
      if (declared == 0) {
        throw new InvalidInputException(ErrorCode.INVALID_INPUT, "missing field: " + part);
      }
      return new Upload(
          Optional.empty(), Optional.ofNullable(ctx.contentType()), declared, body(ctx));
    }
    UploadedFile file = ctx.uploadedFile(part);
    if (file == null) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "missing field: " + part);
    }
    if (file.size() > maxBytes) {
      throw tooLarge(maxBytes);
    }
    return new Upload(
        Optional.ofNullable(file.filename()).filter(n -> !n.isBlank()),
        Optional.ofNullable(file.contentType()),
        file.size(),
        file.content());
  }

  /** The lower-case extension of a file name, without the dot, or empty. */
  static Optional<String> extension(Optional<String> fileName) {
    return fileName
        .filter(name -> name.lastIndexOf('.') > 0)
        .map(name -> name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
  }

  private static InputStream body(Context ctx) {
    try {
      return ctx.req().getInputStream();
    } catch (java.io.IOException e) {
      throw new InvalidInputException(ErrorCode.INVALID_INPUT, "the upload could not be read", e);
    }
  }

  private static ContentTooLargeResponse tooLarge(long maxBytes) {
    return new ContentTooLargeResponse("the upload is larger than " + maxBytes + " bytes");
  }
}
