; inherits: buildcontent
