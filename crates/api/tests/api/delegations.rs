//! Delegations of member cities to events, their attendance, and the participation derived from it.
