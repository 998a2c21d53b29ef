/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Operational state: follows the switches against the current snapshot and publishes per switch, customer
 * and tunnel status and counters in {@code pvsnet-state}.
 */
package org.pvsnet.impl.status;
