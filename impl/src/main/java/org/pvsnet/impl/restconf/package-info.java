/*
 * Copyright (c) 2026 pvsnet developers. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * What pvsnet adds in front of RESTCONF for its own configuration: requests that RESTCONF would store
 * wrongly (a body naming another module, duplicate keys, nulls) or refuse with a 500 (empty bodies, a
 * merge changing a tunnel's encapsulation, the deletion of something still referenced) are answered
 * with a 4xx naming the field and the reason, before anything reaches the datastore.
 */
package org.pvsnet.impl.restconf;
