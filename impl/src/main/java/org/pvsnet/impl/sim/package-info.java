/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * A small OpenFlow table simulator over flow records, and a fabric of simulated switches wired as the
 * resolved view says. It answers trace-packet and verify-isolation, finds overlapping flows, and runs the
 * tests; the same code for all of them.
 */
package org.pvsnet.impl.sim;
