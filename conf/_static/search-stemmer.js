// Sphinx 9.0's Chinese search (language "zh") ends its language_data.js with
// `window.Stemmer = ChineseStemmer;`, a class it never defines (it stems Latin words with
// the English stemmer): the search page then stays at "Searching". sphinx-doc/sphinx#14229,
// fixed by sphinx-doc/sphinx#14416. Defined here, before language_data.js loads, the name
// gives the English stemmer, which language_data.js defines just before that line.
var ChineseStemmer = function () {
  return new EnglishStemmer();
};
