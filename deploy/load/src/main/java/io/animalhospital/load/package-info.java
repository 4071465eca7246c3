/** Load, event-lag, chaos and invariant tools run by the scripts in deploy/load. */
package io.animalhospital.load;
