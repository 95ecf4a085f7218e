/*
 * Tendermint's voting and locking rules for one height (Buchman, Kwon, Milosevic 2018, Algorithm 1),
 * as implemented by Chain.Core.Consensus.ConsensusMachine. See README.md for how each construct here
 * corresponds to the C# code, and for how to run the check.
 *
 * Four validators of equal power: 0, 1 and 2 are honest, 3 is Byzantine. A quorum (more than 2/3 of
 * the power) is 3 validators. Two values, A and B, both valid; NIL is the vote for no value. Rounds
 * 0..R-1. The Byzantine validator leads round 0; honest validators lead the others.
 *
 * Adversary and network, modelled for safety:
 *  - The Byzantine validator can send any vote or proposal to anyone, and different ones to different
 *    validators. It is not a process: every quorum test counts it for whatever value suits the
 *    adversary at that moment (so a quorum for v is two honest votes for v plus the Byzantine one),
 *    and in a round it leads, any proposal (any value, any proof-of-lock round) may be seen.
 *  - The network is asynchronous: a message sent is available to every rule from then on, and a
 *    rule may fire at any later time or never. Timeouts may fire at any time: safety must not depend
 *    on timing. Rounds are skipped only by timing out through them (round skipping on f+1 messages
 *    starts a later round early, which an immediate timeout also does).
 *  - R is 2 or 3 (the re-proposal and decision rules below are written out for rounds 0..2).
 *
 * Property: agreement. When an honest validator decides v, every honest validator that decided
 * decided v (assert in Decide).
 *
 * Variants that must FAIL, to show the check bites (see README.md):
 *  -DBROKEN_LOCK          prevote rules ignore the lock (lines 22-33 without "lockedRound/lockedValue");
 *  -DBROKEN_UNLOCK        a re-proposal's polka releases a lock even when it is older than the lock
 *                         (line 29 without "lockedRound <= vr"); needs three rounds to go wrong;
 *  -DWITNESS_LAST_ROUND   asserts nobody decides in the last round: a counterexample proves the model
 *                         reaches decisions after the locking rules have played out (it is not vacuous).
 */

#ifndef R
#define R 3
#endif

#define NH 3            /* honest validators 0..NH-1 */
#define BYZ 3           /* the Byzantine validator */

#define NONE 0
#define VA 1
#define VB 2
#define NIL 3

#define PROPOSE 1
#define PREVOTE 2
#define PRECOMMIT 3
#define DECIDED 4

/* Proposer of round r: the Byzantine validator first, then honest ones. */
#define leader(r) ((r) % 4 == 0 -> BYZ : ((r) % 4 == 1 -> 2 : ((r) % 4 == 2 -> 0 : 1)))

/*
 * Honest votes, counted: pv[r*3 + v-1] is how many honest validators prevoted v (VA, VB or NIL) in round r,
 * pc likewise for precommits. Every rule reads votes only through these counts, and each honest validator
 * votes exactly once per kind in each round it passes through (it leaves a round only after precommitting),
 * so counting instead of remembering who voted what loses nothing and merges many states.
 */
byte pv[R * 3];
byte pc[R * 3];

/* The proposal of an honest leader in round r: its value and proof-of-lock round + 1 (0 = -1). */
byte propV[R];
byte propVR[R];

/* Per honest validator; rounds stored + 1 so that 0 means -1 (none). */
byte rnd[NH];
byte stp[NH];
byte dec[NH];
byte lockV[NH];
byte lockR[NH];
byte valV[NH];
byte valR[NH];

#define vote(m, r, v) m[(r) * 3 + (v) - 1]++
/* 2f+1 for v: with the Byzantine vote counted for v, two honest votes make three of four. */
#define quorum(m, r, v) (m[(r) * 3 + (v) - 1] >= 2)

/* A proposal (v, vr) from the leader of round r can have been received. */
#define proposed(r, v, vr1) (leader(r) == BYZ || (propV[r] == (v) && propVR[r] == (vr1)))
#define proposedAny(r, v) (leader(r) == BYZ || propV[r] == (v))

/* StartRound (lines 11-21) of round rnd[p], already set: an honest leader re-proposes its valid value, else any value of its choice. */
inline startRound(p) {
    stp[p] = PROPOSE;
    if
    :: leader(rnd[p]) == p && valV[p] != NONE -> propV[rnd[p]] = valV[p]; propVR[rnd[p]] = valR[p]
    :: leader(rnd[p]) == p && valV[p] == NONE -> if :: propV[rnd[p]] = VA :: propV[rnd[p]] = VB fi; propVR[rnd[p]] = 0
    :: else -> skip
    fi
}

/* Lines 22-27: a fresh proposal; prevote it unless locked on another value. */
inline prevoteFresh(p, v) {
#ifdef BROKEN_LOCK
    vote(pv, rnd[p], v);
#else
    vote(pv, rnd[p], (lockR[p] == 0 || lockV[p] == v -> v : NIL));
#endif
    stp[p] = PREVOTE
}

/* Lines 28-33: a re-proposal with a polka in round vr; a lock from round vr or earlier gives way. */
inline prevoteReproposal(p, v, vr) {
#if defined(BROKEN_LOCK)
    vote(pv, rnd[p], v);
#elif defined(BROKEN_UNLOCK)
    vote(pv, rnd[p], v);   /* any polka releases the lock, even one older than the lock */
#else
    vote(pv, rnd[p], (lockR[p] <= (vr) + 1 || lockV[p] == v -> v : NIL));
#endif
    stp[p] = PREVOTE
}

/* Does p lead a round after r? Only then does its valid value matter (it is what p would re-propose). */
#define leadsLater(p, r) ((r) + 1 < R && leader((r) + 1) == (p) || (r) + 2 < R && leader((r) + 2) == (p) || (r) + 3 < R && leader((r) + 3) == (p))

/* Lines 36-43: a polka for the round's proposal; lock and precommit if still prevoting; remember it as valid. */
inline polka(p, v) {
    if
    :: stp[p] == PREVOTE ->
        lockV[p] = v; lockR[p] = rnd[p] + 1;
        vote(pc, rnd[p], v);
        stp[p] = PRECOMMIT
    :: else -> skip
    fi;
    if
    :: leadsLater(p, rnd[p]) -> valV[p] = v; valR[p] = rnd[p] + 1
    :: else -> skip
    fi
}

/* Lines 49-54: a quorum of precommits for v (the value is known: the machine keeps values by hash). */
inline decide(p, v) {
#ifdef WITNESS_LAST_ROUND
    /* Non-vacuity: Spin must find a run in which a validator decides in the last round, after the lock,
       polka and re-proposal rules of the earlier rounds have played out. */
    assert(rnd[p] < R - 1);
#endif
    assert(dec[0] == NONE || dec[0] == v);
    assert(dec[1] == NONE || dec[1] == v);
    assert(dec[2] == NONE || dec[2] == v);
    dec[p] = v;
    stp[p] = DECIDED;
    rnd[p] = 0; lockV[p] = NONE; lockR[p] = 0; valV[p] = NONE; valR[p] = 0
}

#define inRound(p) (stp[p] != DECIDED)
/* Lines 36-43 fire once per round: at the prevote step, or later only to update the valid value of a future leader. */
#define polkaEnabled(p, v) ((stp[p] == PREVOTE || stp[p] == PRECOMMIT && leadsLater(p, rnd[p]) && !(valR[p] == rnd[p] + 1 && valV[p] == (v))) \
    && proposedAny(rnd[p], v) && quorum(pv, rnd[p], v))
#define isPrevoting(p) (stp[p] == PREVOTE || stp[p] == PRECOMMIT)

proctype Honest(byte p) {
    /* A validator may stop anywhere: rounds are bounded and nothing here forces progress (this is a safety model). */
end:
    do
    /* Lines 22-27 */
    :: atomic { stp[p] == PROPOSE && proposed(rnd[p], VA, 0) -> prevoteFresh(p, VA) }
    :: atomic { stp[p] == PROPOSE && proposed(rnd[p], VB, 0) -> prevoteFresh(p, VB) }
    /* Lines 28-33, proof-of-lock rounds 0 and 1 */
    :: atomic { stp[p] == PROPOSE && rnd[p] > 0 && proposed(rnd[p], VA, 1) && quorum(pv, 0, VA) -> prevoteReproposal(p, VA, 0) }
    :: atomic { stp[p] == PROPOSE && rnd[p] > 0 && proposed(rnd[p], VB, 1) && quorum(pv, 0, VB) -> prevoteReproposal(p, VB, 0) }
    :: atomic { stp[p] == PROPOSE && rnd[p] > 1 && proposed(rnd[p], VA, 2) && quorum(pv, 1, VA) -> prevoteReproposal(p, VA, 1) }
    :: atomic { stp[p] == PROPOSE && rnd[p] > 1 && proposed(rnd[p], VB, 2) && quorum(pv, 1, VB) -> prevoteReproposal(p, VB, 1) }
    /* Lines 36-43, once per round and value */
    :: atomic { polkaEnabled(p, VA) -> polka(p, VA) }
    :: atomic { polkaEnabled(p, VB) -> polka(p, VB) }
    /* Lines 44-46 (a quorum of nil prevotes: precommit nil) need no rule of their own: the prevote timeout below,
       enabled at any time, does exactly the same. */
    /* Timeouts (lines 57-67). Propose and prevote timeouts may fire at any time. The validator leaves a round only
       after precommitting: one that left without voting is covered by one that voted nil, because an extra nil vote
       only ever enables more rules, never fewer. */
    :: atomic { stp[p] == PROPOSE -> vote(pv, rnd[p], NIL); stp[p] = PREVOTE }
    :: atomic { stp[p] == PREVOTE -> vote(pc, rnd[p], NIL); stp[p] = PRECOMMIT }
    :: atomic { stp[p] == PRECOMMIT && rnd[p] < R - 1 -> rnd[p]++; startRound(p) }
    /* Lines 49-54, in any round */
    :: atomic { inRound(p) && quorum(pc, 0, VA) -> decide(p, VA) }
    :: atomic { inRound(p) && quorum(pc, 0, VB) -> decide(p, VB) }
    :: atomic { inRound(p) && quorum(pc, 1, VA) -> decide(p, VA) }
    :: atomic { inRound(p) && quorum(pc, 1, VB) -> decide(p, VB) }
    :: atomic { inRound(p) && R > 2 && quorum(pc, 2, VA) -> decide(p, VA) }
    :: atomic { inRound(p) && R > 2 && quorum(pc, 2, VB) -> decide(p, VB) }
    :: stp[p] == DECIDED -> break
    od
}

init {
    atomic {
        byte p = 0;
        do
        :: p < NH -> rnd[p] = 0; startRound(p); p++
        :: else -> break
        od;
        run Honest(0);
        run Honest(1);
        run Honest(2)
    }
}
