package io.sluice.internal.access;

public interface DStreamAccess {
}
