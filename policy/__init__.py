"""Pure domain rules of Parloir: no I/O, no Qt, no network, no clock reads.

Modules: `tariffs` (versioned price lists), `billing` (price of a call),
`limits` (may a call start, how long, warnings), `booking` (slot grid and
booking checks), `authorisation` (who may be called, sanctions, protected
numbers), `invitations` (6-digit codes), `phone` (E.164), `refusals`
(typed reasons with French messages). Time always comes in as an argument.
"""
