package io.servicetsunami.adapters.openclaw;

import io.servicetsunami.ports.model.InstanceId;
import io.servicetsunami.ports.model.Secret;

/**
 * Hears about a device token a gateway issued in {@code hello-ok} (after the control plane's device
 * was paired), so that it can be stored encrypted with the instance and used on later connects.
 */
@FunctionalInterface
public interface DeviceTokenListener {

  DeviceTokenListener IGNORE = (instance, token) -> {};

  void issued(InstanceId instance, Secret deviceToken);
}
