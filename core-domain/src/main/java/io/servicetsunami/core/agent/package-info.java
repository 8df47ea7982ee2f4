/**
 * The tenant's agents: what they can do, how they are told to behave, and what they have learned.
 */
package io.servicetsunami.core.agent;
