/** What a Skylift image is (variant: the image that runs; deps and weights: the images under it). One name, read and written everywhere. */
export const KIND_LABEL = 'dev.skylift.kind';
