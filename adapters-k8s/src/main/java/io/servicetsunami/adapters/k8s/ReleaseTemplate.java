package io.servicetsunami.adapters.k8s;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What every tenant's release is rendered from, besides the tenant's own spec.
 *
 * @param imageRepository the gateway image without tag; the instance's version is the tag
 * @param openclawCommand how to run the {@code openclaw} CLI inside the image (the gateway itself
 *     and the pairing commands run through it)
 * @param clusterDomain the cluster's DNS domain, for the internal URL
 * @param storageClass the storage class of the state volume; empty for the cluster's default
 */
public record ReleaseTemplate(
    String imageRepository,
    List<String> openclawCommand,
    String clusterDomain,
    Optional<String> storageClass) {

  /** The official image, whose CLI entry point is {@code /app/openclaw.mjs}. */
  public static final ReleaseTemplate DEFAULT =
      new ReleaseTemplate(
          "ghcr.io/openclaw/openclaw",
          List.of("node", "/app/openclaw.mjs"),
          "cluster.local",
          Optional.empty());

  public ReleaseTemplate {
    requireNonNull(imageRepository, "imageRepository is null");
    if (imageRepository.isBlank()
        || imageRepository.contains(":") && !hasRegistryPort(imageRepository)) {
      throw new IllegalArgumentException(
          "imageRepository must be an image name without tag: " + imageRepository);
    }
    openclawCommand = List.copyOf(requireNonNull(openclawCommand, "openclawCommand is null"));
    if (openclawCommand.isEmpty() || openclawCommand.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("openclawCommand is empty or has a blank word");
    }
    requireNonNull(clusterDomain, "clusterDomain is null");
    if (clusterDomain.isBlank()) {
      throw new IllegalArgumentException("clusterDomain is blank");
    }
    requireNonNull(storageClass, "storageClass is null");
  }

  public ReleaseTemplate withImageRepository(String repository) {
    return new ReleaseTemplate(repository, openclawCommand, clusterDomain, storageClass);
  }

  public ReleaseTemplate withOpenclawCommand(List<String> command) {
    return new ReleaseTemplate(imageRepository, command, clusterDomain, storageClass);
  }

  public ReleaseTemplate withStorageClass(Optional<String> storage) {
    return new ReleaseTemplate(imageRepository, openclawCommand, clusterDomain, storage);
  }

  // "registry:5000/openclaw" has a colon that is not a tag.
  private static boolean hasRegistryPort(String repository) {
    int colon = repository.lastIndexOf(':');
    return repository.indexOf('/', colon) > colon;
  }
}
