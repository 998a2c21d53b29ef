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
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.mdsal.dom.api.DOMDataTreeChangeListener;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.data.tree.api.DataTreeCandidate;
import org.pvsnet.impl.pipeline.PipelineService;
import org.pvsnet.impl.pipeline.StoredConfiguration;
import org.pvsnet.impl.validate.ConfigurationReader;
import org.pvsnet.impl.validate.Validation;

/**
 * Hands every new state of the configuration to the pipeline. The datastore delivers changes in commit order,
 * one batch at a time; only the newest state of a batch matters because the model is rebuilt whole. The states
 * are taken as the datastore's own nodes, so that the reader can tell the entries a change left alone.
 */
public final class ConfigurationListener implements DOMDataTreeChangeListener {
    private final PipelineService pipeline;
    private final ConfigurationReader reader;

    public ConfigurationListener(final PipelineService pipeline, final ConfigurationReader reader) {
        this.pipeline = requireNonNull(pipeline);
        this.reader = requireNonNull(reader);
    }

    @Override
    public void onInitialData() {
        pipeline.configurationChanged(new Stored(reader, null));
    }

    @Override
    public void onDataTreeChanged(final List<DataTreeCandidate> changes) {
        pipeline.configurationChanged(new Stored(reader, changes.getLast().getRootNode().dataAfter()));
    }

    /** The pvsnet container as stored (null: none). */
    private record Stored(ConfigurationReader reader, @Nullable NormalizedNode config) implements StoredConfiguration {
        @Override
        public Validation.Outcome check() {
            return reader.check(config);
        }

        @Override
        public List<String> customerIds() {
            return ConfigurationReader.customerIds(config);
        }
    }
}
