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
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeModification;
import org.opendaylight.yang.gen.v1.urn.pvsnet.yang.pvsnet.rev261126.Pvsnet;
import org.pvsnet.impl.pipeline.PipelineService;

/**
 * Hands every new state of the configuration to the reconciler. The datastore delivers changes in
 * commit order, one batch at a time; only the newest state of a batch matters because the model is
 * rebuilt whole.
 */
public final class ConfigurationListener implements DataTreeChangeListener<Pvsnet> {
    private final PipelineService pipeline;

    public ConfigurationListener(final PipelineService pipeline) {
        this.pipeline = requireNonNull(pipeline);
    }

    @Override
    public void onInitialData() {
        pipeline.configurationChanged(null);
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeModification<Pvsnet>> changes) {
        pipeline.configurationChanged(changes.getLast().getRootNode().dataAfter());
    }
}
