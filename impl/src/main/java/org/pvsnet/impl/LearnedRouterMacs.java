/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.mdsal.binding.api.ReadTransaction;
import org.opendaylight.mdsal.binding.api.WriteTransaction;
import org.opendaylight.mdsal.common.api.CommitInfo;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Learned;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Name;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.learned.RouterMac;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.learned.RouterMacBuilder;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.learned.RouterMacKey;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.concepts.Registration;
import org.pvsnet.impl.model.MacAddress;
import org.pvsnet.impl.pipeline.LearnedMacStore;
import org.pvsnet.impl.pipeline.PipelineService;
import org.pvsnet.impl.pipeline.SiteRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learned router MACs in {@code pvsnet:learned}, in the configuration datastore: the one OpenDaylight keeps on
 * disk (and replicates in a cluster), so a restarted controller compiles the same flows as before and leaves
 * the switches' learned flows alone. The pipeline writes here and is told back what is stored.
 */
public final class LearnedRouterMacs implements LearnedMacStore {
    private static final Logger LOG = LoggerFactory.getLogger(LearnedRouterMacs.class);
    static final DataObjectIdentifier<Learned> PATH = DataObjectIdentifier.builder(Learned.class).build();
    private static final long READ_SECONDS = 30;

    private final DataBroker broker;

    public LearnedRouterMacs(final DataBroker broker) {
        this.broker = requireNonNull(broker);
    }

    @Override
    public void remember(final SiteRef site, final MacAddress mac) {
        final WriteTransaction tx = broker.newWriteOnlyTransaction();
        tx.mergeParentStructurePut(LogicalDatastoreType.CONFIGURATION, path(site), new RouterMacBuilder()
            .setCustomer(new Name(site.customer())).setSite(new Name(site.site()))
            .setMac(new org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715
                .MacAddress(mac.toString()))
            .build());
        commit(tx, "keep the learned router MAC of " + site);
    }

    @Override
    public void forget(final SiteRef site) {
        final WriteTransaction tx = broker.newWriteOnlyTransaction();
        tx.delete(LogicalDatastoreType.CONFIGURATION, path(site));
        commit(tx, "forget the learned router MAC of " + site);
    }

    /**
     * Hand the pipeline what is stored now, before any configuration reaches it (so the first compilation after
     * a restart has the learned MACs), then every change, also an operator's deletion.
     */
    public Registration follow(final PipelineService pipeline) {
        final Map<SiteRef, MacAddress> stored = read();
        LOG.info("{} learned router MACs kept from before", stored.size());
        pipeline.learnedChanged(stored);
        return broker.registerTreeChangeListener(LogicalDatastoreType.CONFIGURATION, PATH,
            new DataTreeChangeListener<Learned>() {
                @Override
                public void onInitialData() {
                    pipeline.learnedChanged(Map.of());
                }

                @Override
                public void onDataTreeChanged(final List<DataTreeModification<Learned>> changes) {
                    pipeline.learnedChanged(entries(changes.getLast().getRootNode().dataAfter()));
                }
            });
    }

    private Map<SiteRef, MacAddress> read() {
        try (ReadTransaction tx = broker.newReadOnlyTransaction()) {
            final Optional<Learned> learned = tx.read(LogicalDatastoreType.CONFIGURATION, PATH)
                .get(READ_SECONDS, TimeUnit.SECONDS);
            return entries(learned.orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + PATH, e);
        } catch (ExecutionException | TimeoutException e) {
            // Without them pvsnet still works: it learns the MACs again from the routers' next ARP.
            LOG.warn("The learned router MACs could not be read; they will be learned again", e);
            return Map.of();
        }
    }

    private static Map<SiteRef, MacAddress> entries(final @Nullable Learned learned) {
        final Map<SiteRef, MacAddress> entries = new HashMap<>();
        if (learned != null && learned.getRouterMac() != null) {
            for (RouterMac entry : learned.getRouterMac().values()) {
                if (entry.getMac() != null) {
                    entries.put(new SiteRef(entry.requireCustomer().getValue(), entry.requireSite().getValue()),
                        MacAddress.parse(entry.getMac().getValue()));
                }
            }
        }
        return entries;
    }

    private static DataObjectIdentifier<RouterMac> path(final SiteRef site) {
        return DataObjectIdentifier.builder(Learned.class)
            .child(RouterMac.class, new RouterMacKey(new Name(site.customer()), new Name(site.site()))).build();
    }

    private static void commit(final WriteTransaction tx, final String what) {
        tx.commit().addCallback(new FutureCallback<CommitInfo>() {
            @Override
            public void onSuccess(final CommitInfo result) {
                // the datastore tells the pipeline through follow()'s listener
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Could not {}", what, cause);
            }
        }, MoreExecutors.directExecutor());
    }
}
