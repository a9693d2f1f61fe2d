/** The node agent (Re/Starter): starts, watches, stops and restarts the components declared for its node. */
package io.respawn.agent;
