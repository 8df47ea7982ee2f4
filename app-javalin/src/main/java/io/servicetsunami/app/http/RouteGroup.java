package io.servicetsunami.app.http;

/**
 * One group of HTTP routes (auth, agents, tasks, …). Each group is its own class and registers its
 * routes on {@link ApiRoutes}; {@link HttpApi} registers every group bound into the set of groups
 * (Dagger {@code @IntoSet}), so a new group needs a class and one binding, and no change to any
 * other group.
 */
public interface RouteGroup {

  void register(ApiRoutes routes);
}
