/**
 * Deliberately broken classes. They mirror the production packages under {@code
 * io.servicetsunami.canary} so that {@code CanaryTest} can run every architecture rule against them
 * and prove that each rule reports a violation. Never import them from anywhere else.
 */
package io.servicetsunami.canary;
