"""Synthetic, annotated French clinical text written by the project (no third-party corpus).

Modules, one job each: `doc` (pieces -> text + spans), `names` (name pools, held-out split),
`places` (addresses, cities), `hospitals`, `identifiers` (dates, phones, NIR...), `medical`
(hard negatives and clinical filler), `documents` (clinical document kinds), `prompts`
(chatbot prompts), `noise` (SMS style, typos), `generate` (the entry point).
"""
