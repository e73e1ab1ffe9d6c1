package io.connectionsconsole.provider;

/** A branch of a repository, with the commit it points at (null where the provider doesn't say). */
public record Branch(String name, String commit) {
}
