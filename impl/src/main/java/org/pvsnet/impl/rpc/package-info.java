/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * The operator RPCs over the live snapshot: trace-packet, verify-isolation and show-customer.
 */
package org.pvsnet.impl.rpc;
