/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The domain model: immutable records of switches, ports, customers, tunnels, sites and PVSs, with a
 * sealed encapsulation type, read from the YANG bindings by {@code ModelReader}, which reports every
 * unreadable leaf with its RESTCONF path. No I/O, deterministic order.
 */
package org.pvsnet.impl.model;
