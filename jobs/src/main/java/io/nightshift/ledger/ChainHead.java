package io.nightshift.ledger;

/**
 * A chain's last entry: as found among the entries, or as recorded in
 * {@code ledger_chain_heads}.
 *
 * @param seq its seq
 * @param chainHash its chain hash
 */
record ChainHead(long seq, String chainHash) {
}
