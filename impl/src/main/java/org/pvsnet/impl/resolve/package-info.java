/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The resolved view: every fact derived from a valid network, worked out once per configuration (routing
 * contexts per tunnel switch, ARP requesters and targets, forwarding tables, tunnel sources, PVS
 * attachments and uplinks, the switches a customer touches, tunnel switch to host links), and the rules the
 * validator shares with it. Everything else reads these facts instead of deriving them again.
 */
package org.pvsnet.impl.resolve;
