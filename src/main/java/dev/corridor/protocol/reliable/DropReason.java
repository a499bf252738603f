package dev.corridor.protocol.reliable;

/** Why the reliability layer ignored a received control packet. */
public enum DropReason {
    /** The packet's key id is not this key state's. */
    WRONG_KEY_ID,
    /** The sender's session id is undefined or not the peer this channel talks to. */
    FOREIGN_SESSION,
    /** The packet acknowledges ids but names a session id other than ours; 2.x drops it whole. */
    ACK_FOR_OTHER_SESSION,
    /** A hard reset with a message id other than 0 (2.x ignores those). */
    RESET_WITH_NONZERO_ID,
    /** The message id is {@code receiveWindow} or more ahead of the next expected one; not acknowledged. */
    OUT_OF_WINDOW
}
