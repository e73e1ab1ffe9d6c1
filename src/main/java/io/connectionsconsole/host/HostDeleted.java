package io.connectionsconsole.host;

/** A host was deleted: what was made for its server (its client, its TLS trust) can go. */
public record HostDeleted(String id) {
}
