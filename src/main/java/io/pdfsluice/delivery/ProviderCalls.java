package io.pdfsluice.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.RouteTemplateParameterSource;

import io.pdfsluice.plan.PlanConfig;
import io.pdfsluice.plan.Window;
import io.pdfsluice.provider.ApiProfile;
import io.pdfsluice.provider.ApiProfiles;
import io.quarkus.arc.Unremovable;

/**
 * A call route for each provider, from the provider-call template of routes/call.yaml: Camel asks the registry for
 * every RouteTemplateParameterSource as it starts its routes, and makes route {@code call-<provider>} with that
 * provider's throttle (its plan's primary window plus the margin). Its limiter and breaker are bound here, before
 * Camel builds the routes that refer to them, as {@code limiter-<provider>} and {@code breaker-<provider>}.
 */
@Unremovable
@ApplicationScoped
public class ProviderCalls implements RouteTemplateParameterSource {

    static final String TEMPLATE = "provider-call";

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    @Inject
    public ProviderCalls(CamelContext camel, ApiProfiles profiles, Breakers breakers, PlanConfig plan) {
        for (ApiProfile profile : profiles.all()) {
            String name = profile.name();
            camel.getRegistry().bind("limiter-" + name, profile.limiter());
            camel.getRegistry().bind("breaker-" + name, breakers.of(name));
            Window primary = profile.plan().primary();
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put(TEMPLATE_ID, TEMPLATE);
            parameters.put("provider", name);
            parameters.put("requests", String.valueOf(primary.limit()));
            parameters.put("periodMs", String.valueOf(primary.periodMs() + plan.marginMs()));
            routes.put("call-" + name, parameters);
        }
    }

    @Override
    public Set<String> routeIds() {
        return routes.keySet();
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return new LinkedHashMap<>(routes.get(routeId));
    }
}
