/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.pvsnet.impl.pipeline;

import org.pvsnet.impl.model.MacAddress;

/**
 * Where learned router MACs are kept across restarts. Writes return at once; the store tells the pipeline what
 * it holds afterwards ({@link PipelineService#learnedChanged}), so the store, not the pipeline's copy, is the
 * truth (in a cluster, for every member).
 */
public interface LearnedMacStore {
    void remember(SiteRef site, MacAddress mac);

    void forget(SiteRef site);
}
