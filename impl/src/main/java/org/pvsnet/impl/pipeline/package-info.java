/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The running pipeline: the service that takes configurations in commit order and keeps the current
 * snapshot (resolved, compiled, written), the learned router MACs, and the controller half of proxy ARP.
 */
package org.pvsnet.impl.pipeline;
