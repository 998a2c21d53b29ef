/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.pvsnet.impl.status.StatusPublisher;
import org.pvsnet.impl.validate.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the validated model on every change of the configuration and publishes what became of it.
 * The datastore delivers changes in commit order, one batch at a time; only the newest state of a
 * batch matters because the model is rebuilt whole.
 */
public final class ConfigurationListener implements DataTreeChangeListener<Pvsnet> {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationListener.class);

    private final StatusPublisher status;
    private final AtomicLong generation = new AtomicLong();

    public ConfigurationListener(final StatusPublisher status) {
        this.status = requireNonNull(status);
    }

    @Override
    public void onInitialData() {
        apply(null);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Pvsnet>> changes) {
        apply(changes.getLast().getRootNode().dataAfter());
    }

    private void apply(final @Nullable Pvsnet config) {
        final long gen = generation.incrementAndGet();
        switch (Validation.check(config)) {
            case Validation.Outcome.Accepted accepted -> {
                LOG.info("Configuration generation {}: {} switches, {} customers", gen,
                    accepted.network().switches().size(), accepted.network().customers().size());
                status.publishConfigured(gen, accepted.network());
            }
            case Validation.Outcome.Rejected rejected -> {
                // Only data stored while pvsnet was not running can get here; the cohort refuses the rest.
                LOG.error("Configuration generation {} cannot be used: {}", gen, rejected.message());
                final List<String> ids = config == null || config.getCustomer() == null ? List.of()
                    : config.getCustomer().keySet().stream().map(key -> key.getId().getValue()).sorted().toList();
                status.publishRefused(gen, ids, rejected.message());
            }
        }
    }
}
