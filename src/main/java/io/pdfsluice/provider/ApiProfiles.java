package io.pdfsluice.provider;

import java.net.URI;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.pdfsluice.document.Document;
import io.pdfsluice.document.DocumentExchange;
import io.pdfsluice.document.Kind;
import io.pdfsluice.engine.EngineAccess;
import io.pdfsluice.engine.EngineSettings;
import io.pdfsluice.limiter.Budgets;
import io.pdfsluice.limiter.LearningWindows;
import io.pdfsluice.limiter.Limiter;
import io.pdfsluice.limiter.LimiterMeters;
import io.pdfsluice.limiter.PauseConfig;
import io.pdfsluice.limiter.Windows;
import io.pdfsluice.plan.Plan;
import io.pdfsluice.plan.PlanConfig;
import io.quarkus.runtime.Startup;

/**
 * The providers a document may go to: the default one (sluice.provider, sluice.api.*, sluice.plan.*), the named ones
 * of sluice.providers.&lt;name&gt;.*, and the embedded engine when sluice.fallback=local. A document goes to the
 * first named provider whose kinds include its kind, else to the default one. The provider chosen for an exchange is
 * its property {@value #PROVIDER}, which the call route sets and every step of the call reads.
 */
@Startup
@ApplicationScoped
@Named("apiProfiles")
public class ApiProfiles {

    private static final Logger LOG = Logger.getLogger(ApiProfiles.class);
    /** The exchange property naming the provider this attempt goes to. */
    public static final String PROVIDER = "sluiceProvider";

    private final Map<String, ApiProfile> byName = new LinkedHashMap<>();
    private final ApiProfile defaultProfile;
    private final Optional<ApiProfile> fallback;
    private final long longestPauseWaitMs;

    @Inject
    public ApiProfiles(ObjectMapper json, ApiConfig api, ProvidersConfig named, JobsConfig jobs,
            EngineSettings engine, PlanConfig planConfig, PauseConfig pauses, Budgets budgets,
            MeterRegistry registry, @ConfigProperty(name = "sluice.run-once") boolean runOnce,
            @ConfigProperty(name = "sluice.retry.max-wait-ms") long maxWaitMs) {
        // a run-once job waits out an API's pause for at most max-wait, so that it ends; a service as long as it says
        this.longestPauseWaitMs = runOnce ? maxWaitMs : Long.MAX_VALUE;
        ApiProfile.Shared shared = new ApiProfile.Shared(json, jobs, engine);
        String fallbackTo = named.fallback().trim().toLowerCase(Locale.ROOT);
        if (!fallbackTo.equals("wait") && !fallbackTo.equals("local")) {
            throw new IllegalArgumentException("sluice.fallback=" + named.fallback() + " is not wait or local");
        }
        // a request stops waiting for a spent quota when the fallback takes its document, or a run-once job halts
        boolean fallsBack = fallbackTo.equals("local");
        boolean yields = fallsBack || runOnce;
        String profile = api.provider().trim().toLowerCase(Locale.ROOT);
        Optional<String> url = api.api().url();
        if (url.isEmpty() && !profile.equals("local")) {
            throw new IllegalArgumentException("sluice.provider=" + profile + " needs sluice.api.url (SLUICE_API_URL)");
        }
        // its own engine, when exposed, expects sluice.engine.key (or else sluice.api.key); a hosted API's key never
        // goes to the engine: beside a hosted default provider, the engine is called with sluice.engine.key only
        Optional<String> engineKey = EngineAccess.key(api.engineKey(), api.api().key());
        Optional<String> ownEngineKey = url.isEmpty() ? engineKey : api.engineKey().filter(k -> !k.isBlank());
        ZoneId zone = Plan.zone("sluice.plan.zone", planConfig.zone());
        Plan plan = Plan.of(profile, planConfig.name(), planConfig.limits().orElse(null), zone)
                .withQuota(planConfig.quota(), zone);
        this.defaultProfile = add(new ApiProfile(profile, profile, url.orElse(api.engineUrl()),
                url.isEmpty() ? engineKey : api.api().key(), api.api().request(), Set.of(), plan,
                limiter(profile, profile, url.orElse(api.engineUrl()), api.api().key(), plan,
                        yields && !profile.equals("local"), planConfig, pauses, budgets),
                api.target(), shared), registry);
        named.providers().forEach((name, n) -> {
            String its = n.profile().trim().toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z0-9][a-z0-9-]{0,39}") || byName.containsKey(name)
                    || name.equals("local") && !its.equals("local")) {
                throw new IllegalArgumentException("sluice.providers." + name + " is not a provider name: lower-case "
                        + "letters, digits and -, other than the default provider's (" + profile + ") and than local, "
                        + "the embedded engine's");
            }
            if (n.url().isEmpty() && !its.equals("local")) {
                throw new IllegalArgumentException("sluice.providers." + name + ".profile=" + its
                        + " needs sluice.providers." + name + ".url");
            }
            ZoneId itsZone = n.zone().map(z -> Plan.zone("sluice.providers." + name + ".zone", z)).orElse(zone);
            Plan itsPlan = Plan.of(its,
                    n.plan().orElse(its.equals("local") || its.equals("gotenberg") ? "engine"
                            : n.limits().isEmpty() ? Plan.LEARN : "custom"),
                    n.limits().orElse(null), itsZone).withQuota(n.quota().orElse(0L), itsZone);
            String itsUrl = n.url().orElse(api.engineUrl());
            add(new ApiProfile(name, its, itsUrl, n.url().isEmpty() ? ownEngineKey : n.key(), n.request(),
                    kinds(name, n.kinds().orElse(List.of())), itsPlan,
                    limiter(name, its, itsUrl, n.key(), itsPlan, yields && !its.equals("local"),
                            planConfig, pauses, budgets),
                    api.target(), shared), registry);
        });
        if (fallsBack) {
            ApiProfile local = byName.values().stream().filter(ApiProfile::isLocal).findFirst().orElse(null);
            if (local == null) {
                Plan unmetered = Plan.of("engine", null);
                local = add(new ApiProfile("local", "local", api.engineUrl(), ownEngineKey, api.api().request(), Set.of(),
                        unmetered,
                        limiter("local", "local", api.engineUrl(), Optional.empty(), unmetered, false, planConfig,
                                pauses, budgets),
                        api.target(), shared), registry);
            }
            this.fallback = Optional.of(local);
        } else {
            this.fallback = Optional.empty();
        }
        for (ApiProfile p : byName.values()) {
            if (p.isLocal() && URI.create(p.baseUrl()).getPort() == 0) {
                throw new IllegalArgumentException("Provider " + p.name() + ": the embedded engine is called at "
                        + p.baseUrl() + ", and port 0 is no port to call: give quarkus.http.port (PORT) a fixed port,"
                        + " or sluice.engine-url the engine's address");
            }
            LOG.infof("Provider %s: %s at %s, plan %s, %s%s", p.name(), p.profile(), p.baseUrl(),
                    p.plan().learns() ? "learned from its first answer (sluice.plan unset; at most "
                            + p.plan().primary() + ")" : p.plan(),
                    p.key().isPresent() ? "with an API key" : "no API key",
                    p == defaultProfile ? (byName.size() > 1 ? ", the default" : "")
                            : p.kinds().isEmpty() ? ", the fallback" : ", for " + p.kinds());
        }
    }

    private ApiProfile add(ApiProfile profile, MeterRegistry registry) {
        for (ApiProfile other : byName.values()) {
            for (Kind kind : profile.kinds()) {
                if (other.kinds().contains(kind)) {
                    throw new IllegalArgumentException("sluice.providers." + profile.name() + ".kinds and sluice.providers."
                            + other.name() + ".kinds both take " + kind.name().toLowerCase(Locale.ROOT)
                            + ": a kind goes to one provider");
                }
            }
        }
        byName.put(profile.name(), profile);
        profile.limiter().pauses().waitAtMost(longestPauseWaitMs);
        LimiterMeters.register(registry, profile.name(), profile.limiter());
        return profile;
    }

    private static Limiter limiter(String name, String profile, String url, Optional<String> key, Plan plan,
            boolean yields, PlanConfig planConfig, PauseConfig pauses, Budgets budgets) {
        // the budget is the key's: the instances that use the same profile, URL and key share it
        String api = profile + "|" + url + "|" + key.orElse("");
        Windows windows = plan.learns()
                ? new LearningWindows(name, plan, p -> budgets.windows(api, p), budgets.learnedPlan(api),
                        System::currentTimeMillis)
                : budgets.windows(api, plan);
        return new Limiter(name, windows, pauses.jitterMs(),
                plan.quota().map(w -> (long) w.limit()).orElse(0L), planConfig.quotaPauseMs(),
                yields);
    }

    private static Set<Kind> kinds(String provider, List<String> names) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String kind : names) {
            try {
                kinds.add(Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sluice.providers." + provider + ".kinds=" + names
                        + " names " + kind + ", which is not markdown, html or pdf");
            }
        }
        return kinds;
    }

    /** Every provider, the default one first. */
    public Collection<ApiProfile> all() {
        return byName.values();
    }

    /** The provider a document of this kind goes to: the first named one that takes the kind, else the default. */
    public ApiProfile forKind(Kind kind) {
        for (ApiProfile p : byName.values()) {
            if (p.kinds().contains(kind)) {
                return p;
            }
        }
        return defaultProfile;
    }

    /** The embedded engine, when sluice.fallback=local. */
    public Optional<ApiProfile> fallback() {
        return fallback;
    }

    /** The provider of that name. */
    public ApiProfile named(String name) {
        ApiProfile p = byName.get(name);
        if (p == null) {
            throw new IllegalStateException("no provider named " + name);
        }
        return p;
    }

    /** The provider this exchange's attempt goes to (its property {@value #PROVIDER}), else the document's own. */
    public ApiProfile of(Exchange exchange) {
        String name = exchange.getProperty(PROVIDER, String.class);
        if (name != null) {
            return named(name);
        }
        Document d = exchange.getProperty(DocumentExchange.DOCUMENT, Document.class);
        return d == null ? defaultProfile : forKind(d.kind());
    }
}
