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
 * A call route and a send route for each provider, from the provider-call and provider-send templates of
 * routes/call.yaml: Camel asks the registry for every RouteTemplateParameterSource as it starts its routes, and makes
 * routes {@code call-<provider>} and {@code send-<provider>}, the latter with that provider's throttle (its plan's
 * primary window plus the margin). Its limiter and breaker are bound here, before
 * Camel builds the routes that refer to them, as {@code limiter-<provider>} and {@code breaker-<provider>}.
 */
@Unremovable
@ApplicationScoped
public class ProviderCalls implements RouteTemplateParameterSource {

    static final String CALL = "provider-call";
    static final String SEND = "provider-send";

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    @Inject
    public ProviderCalls(CamelContext camel, ApiProfiles profiles, Breakers breakers, PlanConfig plan) {
        for (ApiProfile profile : profiles.all()) {
            String name = profile.name();
            camel.getRegistry().bind("limiter-" + name, profile.limiter());
            camel.getRegistry().bind("breaker-" + name, breakers.of(name));
            routes.put("call-" + name, Map.of(TEMPLATE_ID, CALL, "provider", name));
            Window primary = profile.plan().primary();
            routes.put("send-" + name, Map.of(TEMPLATE_ID, SEND, "provider", name,
                    "requests", String.valueOf(primary.limit()),
                    "periodMs", String.valueOf(primary.periodMs() + plan.marginMs())));
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
