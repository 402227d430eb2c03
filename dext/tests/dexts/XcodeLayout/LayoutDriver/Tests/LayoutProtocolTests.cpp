/*
 * Stands for the unit tests an Xcode project keeps beside the dext's sources: a file in the dext
 * folder that is not part of the dext. spec.yaml's sources: list leaves it out, and the #error
 * below proves the build does: were it compiled, LayoutDriver would not build.
 */
#error "not part of LayoutDriver: spec.yaml's sources: does not list Tests/"
