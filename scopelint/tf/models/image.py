"""tf.image's decoding, resizing and augmentation ops, and tf.read_file (tensorflow/python/ops/
image_ops_impl.py, gen_image_ops, io_ops), written as TF 1.15 infers their static shapes and
dtypes, over the runtime's ops. They create no variable; an input pipeline's images get the
shapes TF gives them, which the layers after it read (a kernel's input channels)."""

import tensorflow as tf


class ResizeMethod(object):
    """image_ops_impl.ResizeMethodV1, as tf.compat.v1 has it."""

    BILINEAR = 0
    NEAREST_NEIGHBOR = 1
    BICUBIC = 2
    AREA = 3


_NEAREST_NEIGHBOR = ResizeMethod.NEAREST_NEIGHBOR


def _op(dtype, shape, name, source=None):
    """A tensor of this dtype and static shape (the op's output), computed from `source`: what a
    resize, crop or flip of a generator's output depends on is what the output does (the
    variables a discriminator's loss reaches through it get gradients, and slots). The runtime's
    py_func stands for the kernel: its result depends on its inputs, its static shape is set."""
    if source is None:
        return tf.placeholder(dtype, shape, name=name)
    output = tf.py_func(None, [source], dtype, stateful=False, name=name)
    output.set_shape(shape)
    return output


def _image(image):
    image = tf.convert_to_tensor(image)
    return image, image.get_shape()


def _with_channels(shape, channels):
    if shape.ndims is None:
        return tf.TensorShape(None)
    return shape[:-1].concatenate([channels])


def _with_size(shape, height, width):
    """An image's shape (rank 3, or 4 for a batch) with a new height and width."""
    if shape.ndims is None:
        return tf.TensorShape(None)
    # a list, not a concatenation: a side the analysis lost stays one dim of a known rank
    dims = shape.as_list()
    dims[-3] = height if isinstance(height, int) else None
    dims[-2] = width if isinstance(width, int) else None
    return dims


def _static_shape(shape):
    """What TF reads of a shape given as a list or as a tensor (constant_value_as_shape: the
    static shape of `x` in `tf.shape(x)`), through an op that reads it the same way."""
    return tf.zeros(shape).get_shape()


def _size_pair(size):
    """The new height and width as resize_images reads them (constant_value_as_shape: each item
    TF folds, `[x.shape[1] * 2, x.shape[2] * 2]`, `tf.shape(y)[1:3]`)."""
    if isinstance(size, (list, tuple)) and len(size) == 2 and all(isinstance(d, int) for d in size):
        return size[0], size[1]
    dims = _static_shape(size)
    if dims.ndims == 2:
        return dims[0].value, dims[1].value
    return None, None


def _whole_size_pair(size):
    """The new height and width as the resize kernels' shape functions read them: a size TF folds
    whole (a list it packs, a constant, a slice of a fully known tf.shape), else neither
    (`tf.shape(y)[1:3]` of a y whose batch is unknown)."""
    if isinstance(size, (list, tuple)):
        pair = _size_pair(size)
    else:
        value = getattr(size, "constant_value", None)
        pair = (value[0], value[1]) if isinstance(value, (list, tuple)) and len(value) == 2 else (None, None)
    return pair if pair[0] is not None and pair[1] is not None else (None, None)


def read_file(filename, name=None):
    return _op(tf.string, [], name or "ReadFile")


def decode_jpeg(contents, channels=0, ratio=1, fancy_upscaling=True, try_recover_truncated=False,
                acceptable_fraction=1, dct_method="", name=None):
    return _op(tf.uint8, [None, None, channels or None], name or "DecodeJpeg")


def decode_png(contents, channels=0, dtype=tf.uint8, name=None):
    return _op(dtype, [None, None, channels or None], name or "DecodePng")


def decode_image(contents, channels=None, dtype=tf.uint8, name=None, expand_animations=True):
    """A JPEG, PNG, BMP or GIF (a GIF is a 4-D stack of frames): TF knows no static shape."""
    return _op(dtype, None, name or "decode_image")


def decode_bmp(contents, channels=0, name=None):
    return _op(tf.uint8, [None, None, channels or None], name or "DecodeBmp")


def resize_images(images, size, method=0, align_corners=False, preserve_aspect_ratio=False, name=None):
    images, shape = _image(images)
    height, width = _size_pair(size)
    if shape.ndims is not None and not preserve_aspect_ratio and shape[-3].value == height and \
            shape[-2].value == width and height is not None and width is not None:
        return images  # already that size: TF skips the resize
    dtype = images.dtype if method == _NEAREST_NEIGHBOR else tf.float32
    if preserve_aspect_ratio:
        height, width = _aspect_kept(shape, height, width)
    return _op(dtype, _with_size(shape, height, width), name or "resize", images)


resize = resize_images


def _aspect_kept(shape, height, width):
    """The size resize_images(preserve_aspect_ratio=True) folds: the image scaled by the smaller of
    the two ratios, each side rounded (half to even, as tf.round); None where a side is unknown."""
    if shape.ndims is None or not isinstance(height, int) or not isinstance(width, int):
        return None, None
    current_height, current_width = shape[-3].value, shape[-2].value
    if not isinstance(current_height, int) or not isinstance(current_width, int) or \
            not current_height or not current_width:
        return None, None
    scale = min(float(height) / current_height, float(width) / current_width)
    return int(round(scale * current_height)), int(round(scale * current_width))


def _resized(images, size, float_output, name):
    """gen_image_ops' resize kernels: a new height and width; float32 but for nearest neighbor."""
    images, shape = _image(images)
    height, width = _whole_size_pair(size)
    return _op(tf.float32 if float_output else images.dtype, _with_size(shape, height, width), name, images)


def resize_bilinear(images, size, align_corners=False, half_pixel_centers=False, name=None):
    return _resized(images, size, True, name or "ResizeBilinear")


def resize_bicubic(images, size, align_corners=False, half_pixel_centers=False, name=None):
    return _resized(images, size, True, name or "ResizeBicubic")


def resize_area(images, size, align_corners=False, name=None):
    return _resized(images, size, True, name or "ResizeArea")


def resize_nearest_neighbor(images, size, align_corners=False, half_pixel_centers=False, name=None):
    return _resized(images, size, False, name or "ResizeNearestNeighbor")


def crop_and_resize(image, boxes, box_ind=None, crop_size=None, method="bilinear", extrapolation_value=0,
                    name=None, box_indices=None):
    """A crop per box, resized: [boxes, crop height, crop width, the image's depth], float32
    (tf.image.crop_and_resize; `box_indices` is TF 2's name of `box_ind`)."""
    image, shape = _image(image)
    indices = box_ind if box_ind is not None else box_indices
    count = tf.TensorShape([None])
    for given in (boxes, indices):
        dims = tf.convert_to_tensor(given).get_shape()
        if dims.ndims is not None and dims.ndims >= 1:
            count = count.merge_with(dims[:1])
    height, width = _whole_size_pair(crop_size)
    depth = shape[3:] if shape.ndims == 4 else tf.TensorShape([None])
    return _op(tf.float32, count.concatenate([height, width]).concatenate(depth), name or "CropAndResize", image)


def non_max_suppression(boxes, scores, max_output_size, iou_threshold=0.5, score_threshold=float("-inf"),
                        name=None):
    """The indices of the boxes kept: int32, as many as survive (TF's static shape [None])."""
    return _op(tf.int32, [None], name or "non_max_suppression")


def resize_image_with_crop_or_pad(image, target_height, target_width):
    image, shape = _image(image)
    return _op(image.dtype, _with_size(shape, target_height, target_width), "resize_image_with_crop_or_pad",
               image)


resize_with_crop_or_pad = resize_image_with_crop_or_pad


def crop_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    image, shape = _image(image)
    return _op(image.dtype, _with_size(shape, target_height, target_width), "crop_to_bounding_box", image)


def pad_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    image, shape = _image(image)
    return _op(image.dtype, _with_size(shape, target_height, target_width), "pad_to_bounding_box", image)


def _same(image, name):
    image, shape = _image(image)
    return _op(image.dtype, shape, name, image)


def random_flip_left_right(image, seed=None):
    return _same(image, "random_flip_left_right")


def random_flip_up_down(image, seed=None):
    return _same(image, "random_flip_up_down")


def flip_left_right(image):
    return _same(image, "flip_left_right")


def flip_up_down(image):
    return _same(image, "flip_up_down")


def random_brightness(image, max_delta, seed=None):
    return _same(image, "random_brightness")


def random_contrast(image, lower, upper, seed=None):
    return _same(image, "random_contrast")


def random_hue(image, max_delta, seed=None):
    return _same(image, "random_hue")


def random_saturation(image, lower, upper, seed=None):
    return _same(image, "random_saturation")


def adjust_brightness(image, delta):
    return _same(image, "adjust_brightness")


def adjust_contrast(images, contrast_factor):
    return _same(images, "adjust_contrast")


def per_image_standardization(image):
    image, shape = _image(image)
    return _op(tf.float32, shape, "per_image_standardization", image)


def convert_image_dtype(image, dtype, saturate=False, name=None):
    image, shape = _image(image)
    dtype = tf.as_dtype(dtype)
    if image.dtype.base_dtype == dtype:
        return image
    return _op(dtype, shape, name or "convert_image", image)


def rgb_to_grayscale(images, name=None):
    images, shape = _image(images)
    return _op(images.dtype, _with_channels(shape, 1), name or "rgb_to_grayscale", images)


def grayscale_to_rgb(images, name=None):
    images, shape = _image(images)
    return _op(images.dtype, _with_channels(shape, 3), name or "grayscale_to_rgb", images)


def sample_distorted_bounding_box(image_size, bounding_boxes, seed=None, seed2=None, min_object_covered=0.1,
                                  aspect_ratio_range=None, area_range=None, max_attempts=None,
                                  use_image_if_no_bounding_boxes=None, name=None):
    """A random crop's begin and size (one per image dimension, of image_size's dtype) and its box
    (inception preprocessing's distorted_bounding_box_crop): drawn when the session runs, so a
    tf.slice by them has dimensions TF does not know."""
    image_size = tf.convert_to_tensor(image_size)
    name = name or "SampleDistortedBoundingBoxV2"
    begin = _op(image_size.dtype, image_size.get_shape(), name)
    size = _op(image_size.dtype, image_size.get_shape(), name)
    return begin, size, _op(tf.float32, [1, 1, 4], name)


def random_crop(value, size, seed=None, name=None):
    value = tf.convert_to_tensor(value)
    return _op(value.dtype, _static_shape(size), name or "random_crop", value)
