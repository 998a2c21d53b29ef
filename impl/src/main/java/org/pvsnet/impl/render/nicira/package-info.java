/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * pvsnet's own codec for the Nicira connection-tracking action: its wire encoding, and its registration with
 * openflowplugin (converters) and openflowjava (serializer, deserializer), which carry it as opaque bytes.
 */
package org.pvsnet.impl.render.nicira;
