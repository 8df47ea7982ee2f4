/**
 * A miniature ServiceTsunami written the way ARCHITECTURE.md asks, for {@code ExemplarTest}: every
 * architecture rule must pass on it. Never import these classes from anywhere else.
 */
package io.servicetsunami.exemplar;
