"""Questions no news archive of December 2022 – January 2023 answers, to check abstention.

Cooking, sport in 1950, astronomy textbook facts and fiction: nothing a news article of the
slice would state, so the right reply to each is "the articles don't cover this".
"""

UNANSWERABLE = (
    "How long should I knead the dough for a basic sourdough loaf?",
    "At what oven temperature should a whole chicken be roasted, and for how long?",
    "What can I use instead of buttermilk in pancake batter?",
    "Which herbs go into a classic béarnaise sauce?",
    "Who won the men's singles title at Wimbledon in 1950?",
    "Which team won the Stanley Cup in 1950?",
    "Who won the 1950 Tour de France?",
    "Which horse won the 1950 Kentucky Derby?",
    "How far is Neptune from the Sun in astronomical units?",
    "What is the average surface temperature of Venus?",
    "What is the Chandrasekhar limit for white dwarf stars?",
    "How many moons of Uranus are named after Shakespeare characters?",
    "In The Lord of the Rings, who forged the One Ring?",
    "What is the name of Sherlock Holmes's landlady?",
    "What is the name of Captain Ahab's ship in Moby-Dick?",
    "Whom does Elizabeth Bennet marry in Pride and Prejudice?",
    "Which position does Harry Potter play in Quidditch?",
    "How should I prune tomato plants to get more fruit?",
    "How do I replace the oil filter on a 1998 Honda Civic?",
    "At what temperature does water boil on the summit of Mount Everest?",
)
