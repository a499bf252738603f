package dev.corridor.protocol;

/** Which end of an OpenVPN connection this side plays; it picks key directions and who speaks first. */
public enum Role {
    CLIENT,
    SERVER
}
