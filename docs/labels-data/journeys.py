#!/usr/bin/env python3
"""The rated set's shopper journeys and their ratings, written by hand (see README.md).

Writes sessions.jsonl (interaction/v1 lines in event-time order, the job's input) and ratings.jsonl
(rating/v1 lines) next to this file:  python3 docs/labels-data/journeys.py

Each journey is a list of steps; rate(...) after a step rates the moment right after that step, judged
by reading the steps before it (rubric in README.md). The ratings were written before any label of the
job was computed for these sessions. Order of the six numbers in rate(): hesitation, confusion,
frustration, trust_concern, price_sensitivity, delight.
"""
import json
import os
from datetime import datetime, timedelta, timezone

START = datetime(2026, 11, 20, 10, 0, 0, tzinfo=timezone.utc)
LABELS = ["hesitation", "confusion", "frustration", "trust_concern", "price_sensitivity", "delight"]
RATER = "ai-engineer-1"


def page(kind, after):
    return ("page_view", {"page": {"url": "https://shop.example/" + kind, "kind": kind}}, after)


def act(type_, after, target=None):
    extra = {} if target is None else {"target": target}
    return (type_, extra, after)


def step(n, after):
    return ("checkout_step", {"step": n, "page": {"url": "https://shop.example/checkout/%d" % n, "kind": "checkout"}},
            after)


def scroll(depth, after):
    return ("scroll", {"depth": depth}, after)


def rate(hes, conf, frus, trust, price, delight, note):
    return ("rate", [hes, conf, frus, trust, price, delight], note)


# (session id, journey). "after" is the seconds since the previous step (0 for the first).
JOURNEYS = [
    ("r01-confident-buyer", [
        page("home", 0), page("category", 4), page("product", 9), act("add_to_cart", 12, "add-to-cart"),
        rate(0.05, 0, 0, 0, 0.05, 0.5, "found it in three pages and added it: pleased, decided"),
        page("cart", 3), step(1, 5), step(2, 11),
        rate(0.05, 0, 0, 0.05, 0, 0.5, "moving through checkout steadily"),
        step(3, 9), act("purchase", 6),
        rate(0, 0, 0, 0, 0, 0.85, "bought without a wobble"),
        act("session_end", 2)]),
    ("r02-hesitant-lingerer", [
        page("category", 0), page("product", 5), act("hover", 45, "returns-policy"),
        rate(0.6, 0.1, 0, 0.45, 0.1, 0, "45 s on the product, then checks the returns policy: unsure, wants a way back"),
        scroll(0.95, 12), act("add_to_cart", 35, "add-to-cart"),
        rate(0.35, 0.05, 0, 0.2, 0.05, 0.35, "read everything, long pause, then adds: half-convinced"),
        page("cart", 3), step(1, 50),
        rate(0.55, 0.05, 0, 0.15, 0.15, 0.15, "50 s on the cart before starting checkout: still weighing it"),
        act("session_end", 45),
        rate(0.7, 0.1, 0.1, 0.2, 0.15, 0, "sat on the first checkout step for 45 s and left: hesitation won")]),
    ("r03-price-comparer", [
        page("product", 0), page("pricing", 6), page("product", 8), page("pricing", 7),
        rate(0.3, 0.25, 0, 0.05, 0.7, 0, "flipping between product and pricing: comparing cost"),
        act("hover", 5, "price-table"), act("click", 4, "coupon-field"), act("form_error", 6, "coupon-code"),
        rate(0.3, 0.2, 0.35, 0.05, 0.85, 0, "studies the price table, tries a coupon, the code is refused"),
        page("home", 10),
        rate(0.4, 0.15, 0.3, 0.05, 0.7, 0, "gave up on the coupon and went back to the home page"),
        act("session_end", 5)]),
    ("r04-confused-searcher", [
        page("home", 0), act("search", 5, "search-box"), act("search", 7, "search-box"),
        rate(0.05, 0.45, 0.1, 0, 0, 0, "second search within seconds: the first did not find it"),
        act("search", 6, "search-box"),
        rate(0.1, 0.6, 0.25, 0, 0, 0, "third search in 18 s: lost, a little annoyed"),
        page("category", 8), page("support", 10),
        rate(0.15, 0.7, 0.25, 0.05, 0, 0, "search failed, category did not help, now the help pages"),
        page("product", 12), page("support", 9),
        rate(0.3, 0.75, 0.3, 0.1, 0, 0, "back to support from a product: still does not understand something"),
        act("session_end", 20)]),
    ("r05-card-fumbler", [
        page("cart", 0), step(1, 6), act("form_error", 12, "card-number"),
        rate(0.1, 0.2, 0.3, 0.05, 0, 0, "one card-number error: a slip, mildly irritating"),
        act("form_error", 5, "card-number"), act("form_error", 4, "card-number"),
        rate(0.2, 0.35, 0.75, 0.15, 0, 0, "three card errors in 9 s: angry"),
        act("click", 1, "pay-button"), act("click", 1, "pay-button"), act("click", 1, "pay-button"),
        act("chat_open", 4, "chat-widget"),
        rate(0.2, 0.35, 0.85, 0.3, 0, 0, "hammered the pay button, then opened chat: fed up, needs help to pay"),
        act("session_end", 25)]),
    ("r06-blog-reader", [
        page("home", 0), page("blog", 6), scroll(0.6, 30), page("blog", 40),
        rate(0.05, 0, 0, 0, 0, 0.05, "reading articles: content, no buying state"),
        page("category", 20), page("product", 10),
        rate(0.1, 0, 0, 0, 0, 0.05, "drifted to a product: idle interest"),
        act("session_end", 15),
        rate(0.2, 0, 0, 0, 0, 0, "looked at the product 15 s and left: mild, not much"),
    ]),
    ("r07-secure-checkout-worrier", [
        page("product", 0), act("add_to_cart", 15, "add-to-cart"), page("cart", 3),
        act("hover", 6, "shipping-info"), act("hover", 5, "returns-policy"), page("support", 8),
        rate(0.4, 0.15, 0, 0.65, 0.15, 0.1, "in the cart, checks shipping, returns, then support: does the shop deliver?"),
        page("cart", 25), step(1, 10), act("hover", 9, "secure-payment-badge"),
        rate(0.35, 0.05, 0, 0.55, 0.05, 0.1, "at payment, checks the security badge: wary of the card form"),
        step(2, 12), act("purchase", 10),
        rate(0.05, 0, 0, 0.15, 0, 0.7, "reassured enough to buy"),
    ]),
    ("r08-shipping-cost-remover", [
        page("product", 0), act("add_to_cart", 10, "add-to-cart"), page("product", 8), act("add_to_cart", 9, "add-to-cart"),
        rate(0, 0, 0, 0, 0.05, 0.45, "two items in the cart: going well"),
        page("cart", 4), step(1, 8), act("hover", 5, "shipping-cost"),
        rate(0.3, 0.05, 0, 0.2, 0.45, 0.2, "stops on the shipping cost at checkout"),
        page("cart", 6), act("remove_from_cart", 5, "remove-item"),
        rate(0.55, 0.05, 0.05, 0.1, 0.65, 0.05, "went back and removed an item after seeing shipping: cost bites"),
        step(1, 20), step(2, 9), act("purchase", 8),
        rate(0.1, 0, 0, 0.05, 0.3, 0.65, "bought the smaller order"),
    ]),
    ("r09-price-hoverer", [
        page("category", 0), page("product", 6), act("hover", 4, "price"), page("product", 9), act("hover", 3, "price"),
        rate(0.3, 0.05, 0, 0, 0.5, 0, "second product, eyes on the price again"),
        page("product", 8), act("hover", 4, "price"),
        rate(0.4, 0.05, 0, 0, 0.6, 0, "third product, price first every time: shopping on price"),
        page("category", 6), act("session_end", 10),
        rate(0.45, 0.05, 0, 0, 0.5, 0, "left without choosing: nothing cheap enough"),
    ]),
    ("r10-contact-lead", [
        page("home", 0), page("contact", 4), act("contact_click", 10, "email-us"),
        rate(0.1, 0.3, 0, 0.15, 0, 0, "straight to contact and writes: has a question"),
        act("session_end", 5),
        rate(0.1, 0.25, 0, 0.1, 0, 0, "left after writing"),
    ]),
    ("r11-repeat-buyer", [
        page("product", 0), act("add_to_cart", 4, "add-to-cart"), step(1, 3), step(2, 5),
        rate(0, 0, 0, 0, 0, 0.5, "knows what they want: brisk"),
        step(3, 4), act("purchase", 3),
        rate(0, 0, 0, 0, 0, 0.9, "bought in 19 s"),
    ]),
    ("r12-size-trouble", [
        page("product", 0), scroll(0.95, 20),
        rate(0.3, 0.1, 0, 0, 0, 0, "read the whole page: considering"),
        act("click", 8, "size-chart"), act("form_error", 6, "size-select"), act("form_error", 4, "size-select"),
        rate(0.3, 0.55, 0.45, 0, 0, 0, "size chart, then the size picker refuses twice: confused and annoyed"),
        page("support", 6),
        rate(0.35, 0.65, 0.4, 0.05, 0, 0, "goes to support about sizes"),
        page("product", 15), act("add_to_cart", 10, "add-to-cart"),
        rate(0.2, 0.35, 0.2, 0, 0, 0.35, "came back and added: relieved, still some doubt"),
        act("session_end", 20)]),
    ("r13-idle-cart", [
        page("product", 0), act("add_to_cart", 8, "add-to-cart"), page("cart", 3),
        rate(0.05, 0, 0, 0, 0, 0.35, "added and opened the cart"),
        page("cart", 240),
        rate(0.5, 0.05, 0, 0.05, 0.15, 0.05, "came back to the cart after four minutes away"),
        act("remove_from_cart", 6, "remove-item"),
        rate(0.7, 0.05, 0, 0.05, 0.4, 0, "then emptied it: changed their mind"),
        act("session_end", 10)]),
    ("r14-plans-and-sales", [
        page("home", 0), page("pricing", 5),
        rate(0.05, 0, 0, 0, 0.35, 0, "went to pricing early"),
        scroll(0.8, 20), act("hover", 6, "price-annual"),
        rate(0.25, 0.05, 0, 0, 0.55, 0, "reading the plans, weighs the annual price"),
        page("product", 10), page("pricing", 7), act("contact_click", 8, "sales"),
        rate(0.35, 0.25, 0, 0.15, 0.6, 0, "back and forth, then asks sales: wants a better deal or an answer"),
        act("session_end", 10)]),
    ("r15-returns-worrier", [
        page("product", 0), act("hover", 10, "returns-policy"), act("hover", 5, "guarantee"),
        rate(0.35, 0.05, 0, 0.5, 0.05, 0, "returns, then guarantee: wants to be safe"),
        page("support", 8),
        rate(0.35, 0.2, 0, 0.6, 0.05, 0, "reads support before buying anything"),
        page("product", 20), act("add_to_cart", 6, "add-to-cart"),
        rate(0.15, 0.05, 0, 0.3, 0, 0.35, "satisfied enough to add"),
        page("cart", 3), step(1, 10), step(2, 15), act("purchase", 9),
        rate(0.05, 0, 0, 0.1, 0, 0.75, "bought"),
    ]),
    ("r16-postcode-loop", [
        page("cart", 0), step(1, 5), act("form_error", 10, "postcode"), act("form_error", 6, "postcode"),
        rate(0.1, 0.35, 0.5, 0.05, 0, 0, "postcode refused twice"),
        act("click", 2, "postcode"), act("form_error", 5, "postcode"),
        rate(0.15, 0.45, 0.75, 0.05, 0, 0, "third refusal: the form will not take the address"),
        page("support", 8),
        rate(0.3, 0.45, 0.7, 0.3, 0, 0, "off to support mid-checkout"),
        act("session_end", 30),
        rate(0.4, 0.35, 0.65, 0.25, 0, 0, "and gone: abandoned in anger"),
    ]),
    ("r17-category-ping-pong", [
        page("category", 0), page("product", 7), page("category", 5), page("product", 8),
        rate(0.2, 0.15, 0, 0, 0.05, 0, "second product from the same category"),
        page("category", 6), page("product", 9), page("category", 5),
        rate(0.35, 0.3, 0.05, 0, 0.1, 0, "three products, back to the list each time: cannot choose"),
        act("session_end", 8),
        rate(0.4, 0.3, 0.05, 0, 0.1, 0, "left without choosing"),
    ]),
    ("r18-gift-chat", [
        page("home", 0), page("category", 5), page("product", 8), act("chat_open", 12, "chat-widget"),
        rate(0.3, 0.35, 0, 0.1, 0, 0, "opens chat on a product: a question before buying"),
        page("product", 40), act("add_to_cart", 6, "add-to-cart"),
        rate(0.1, 0.1, 0, 0.05, 0, 0.4, "the answer helped: adds"),
        step(1, 8), step(2, 12), act("purchase", 10),
        rate(0, 0, 0, 0, 0, 0.8, "bought"),
    ]),
    ("r19-deal-hunter", [
        page("pricing", 0), page("product", 6), act("add_to_cart", 7, "add-to-cart"), act("add_to_cart", 5, "add-to-cart"),
        rate(0.05, 0, 0, 0, 0.2, 0.45, "started on pricing, adds two"),
        page("cart", 4), act("remove_from_cart", 8, "remove-item"),
        rate(0.45, 0.05, 0, 0, 0.5, 0.15, "sees the total and removes one"),
        page("pricing", 6),
        rate(0.5, 0.1, 0, 0, 0.65, 0.05, "back to pricing from the cart: checking cost again"),
        page("cart", 10), step(1, 8), act("session_end", 40),
        rate(0.6, 0.05, 0, 0.05, 0.55, 0, "40 s on the first step and left"),
    ]),
    ("r20-slow-calm-checkout", [
        page("cart", 0), step(1, 30), step(2, 35),
        rate(0.3, 0.05, 0, 0.05, 0.05, 0.15, "slow through checkout: careful, maybe comparing"),
        step(3, 40),
        rate(0.35, 0.05, 0, 0.05, 0.05, 0.15, "another 40 s on a step"),
        act("purchase", 25),
        rate(0.05, 0, 0, 0, 0, 0.7, "bought after all"),
    ]),
    ("r21-search-success", [
        page("home", 0), act("search", 4, "search-box"), page("product", 6),
        rate(0.05, 0, 0, 0, 0, 0.1, "one search and straight to a product"),
        scroll(0.5, 8), act("add_to_cart", 10, "add-to-cart"),
        rate(0, 0, 0, 0, 0, 0.5, "added"),
        page("cart", 3), step(1, 6), step(2, 9), act("purchase", 7),
        rate(0, 0, 0, 0, 0, 0.85, "bought"),
    ]),
    ("r22-security-reader", [
        page("blog", 0), page("product", 15), act("hover", 8, "secure-checkout"),
        rate(0.25, 0.05, 0, 0.4, 0, 0, "new from the blog, checks the secure-checkout note"),
        act("hover", 6, "shipping-times"),
        rate(0.35, 0.05, 0, 0.5, 0.05, 0, "and the shipping times: not sure about this shop"),
        scroll(0.95, 15), act("session_end", 25),
        rate(0.55, 0.05, 0, 0.4, 0.05, 0, "read everything and left: not convinced"),
    ]),
    ("r23-dead-button", [
        page("product", 0), act("click", 8, "add-to-cart"), act("click", 1, "add-to-cart"), act("click", 1, "add-to-cart"),
        act("click", 1, "add-to-cart"),
        rate(0.05, 0.35, 0.6, 0.05, 0, 0, "four clicks on add-to-cart in 3 s: the button does nothing"),
        act("click", 2, "add-to-cart"), page("product", 3),
        rate(0.05, 0.35, 0.55, 0.05, 0, 0, "reloads the page"),
        act("add_to_cart", 4, "add-to-cart"),
        rate(0.05, 0.2, 0.35, 0, 0, 0.3, "now it worked"),
        act("session_end", 15)]),
    ("r24-after-purchase-help", [
        page("product", 0), act("add_to_cart", 5, "add-to-cart"), step(1, 4), step(2, 6), act("purchase", 5),
        rate(0, 0, 0, 0, 0, 0.85, "quick purchase"),
        page("support", 20),
        rate(0.05, 0.25, 0.05, 0.3, 0, 0.55, "straight after buying, the support pages: a worry about the order"),
        act("contact_click", 10, "order-help"),
        rate(0.05, 0.3, 0.1, 0.4, 0, 0.4, "contacts the shop about the order"),
        act("session_end", 20)]),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    events = []
    ratings = []
    for i, (sid, journey) in enumerate(JOURNEYS):
        t = START + timedelta(seconds=47 * i)
        n = 0
        last_event = None
        for item in journey:
            if item[0] == "rate":
                values, note = item[1], item[2]
                assert last_event is not None, sid
                ratings.append({"schema": "rating/v1", "sessionId": sid, "eventId": last_event,
                                "labels": dict(zip(LABELS, values)), "rater": RATER, "note": note})
                continue
            type_, extra, after = item
            assert after >= 1 or n == 0, (sid, n)
            t += timedelta(seconds=after)
            n += 1
            last_event = "%s-%d" % (sid, n)
            e = {"schema": "interaction/v1", "eventId": last_event, "sessionId": sid,
                 "ts": t.isoformat().replace("+00:00", "Z"), "type": type_}
            e.update(extra)
            events.append((t, len(events), e))
    events.sort(key=lambda x: (x[0], x[1]))
    with open(os.path.join(here, "sessions.jsonl"), "w") as f:
        for _, _, e in events:
            f.write(json.dumps(e, separators=(",", ":")) + "\n")
    with open(os.path.join(here, "ratings.jsonl"), "w") as f:
        for r in ratings:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")
    print("wrote %d events of %d sessions and %d ratings" % (len(events), len(JOURNEYS), len(ratings)))


if __name__ == "__main__":
    main()
