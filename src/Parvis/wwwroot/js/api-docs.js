// Scalar's page has no lang attribute and no option to give it one: the reference is in French.
document.documentElement.lang = "fr";
