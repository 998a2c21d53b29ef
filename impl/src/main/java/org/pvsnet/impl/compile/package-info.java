/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The pure compiler: resolved view in, OpenFlow 1.3 flows and meters per switch out, as immutable records
 * printable in ovs-ofctl syntax. Owns the table numbering, the cookie layout and the tag handling.
 */
package org.pvsnet.impl.compile;
