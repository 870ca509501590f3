package io.pdfsluice.limiter;

import io.pdfsluice.plan.Plan;

/**
 * Where each provider's windows are kept: in this instance alone, or in the Redis that every instance using the same
 * key shares (the cluster's producer decides).
 */
public interface Budgets {

    /**
     * The windows of {@code plan} for the API identified by {@code api} (its profile, URL and key: instances that
     * share a key share its budget).
     */
    Windows windows(String api, Plan plan);

    /** Where a plan learned from the API's answers is remembered for the next run, or null (nowhere). */
    default java.nio.file.Path learnedPlan(String api) {
        return null;
    }
}
