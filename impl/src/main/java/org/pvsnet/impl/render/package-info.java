/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The boundary with openflowplugin: compiled flows to and from its binding objects, the difference written
 * to its configuration inventory, what the switches report read from its operational inventory, and
 * packet-in/packet-out.
 */
package org.pvsnet.impl.render;
