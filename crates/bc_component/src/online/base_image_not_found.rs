//! BC711: a pipeline manifest whose base image or image family the region does not hold.

use bc_lint::{Diagnostic, declare_rule};
use bc_syntax::{Span, excerpt};

declare_rule! {
    /// ## What it does
    /// Online only (`bclint check --online`, or `bclint.online` in the editor): asks the
    /// manifest's region for its base image, with `DescribeImages` when `base_image_type` is
    /// `IMAGE` and `DescribeImageFromFamily` when it is `IMAGE_FAMILY`, and reports one the region
    /// does not hold (or a family with no available image).
    ///
    /// ## Why is this bad?
    /// Images are regional: an image id copied from another region, a deleted image or a misspelt
    /// family makes the build fail when it starts (`InvalidImage.NotFound`,
    /// `InvalidImagePipeline.BaseImageNotFound`), after the pipeline was created.
    ///
    /// ## Example
    /// ```toml
    /// region = "cn-hangzhou"
    /// base_image_type = "IMAGE"
    /// base_image = "m-bp1copiedfromshanghai"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// region = "cn-hangzhou"
    /// base_image_type = "IMAGE_FAMILY"
    /// base_image = "acs:alibaba_cloud_linux_3_2104_lts_x64"
    /// ```
    pub static RULE = {
        code: "BC711",
        name: "base-image-not-found",
        severity: Error,
        api_error: Some("InvalidImage.NotFound"),
        fix: None,
    }
}

/// How the base image is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseImage<'a> {
    /// An image id (`base_image_type = "IMAGE"`).
    Image(&'a str),
    /// An image family (`base_image_type = "IMAGE_FAMILY"`).
    Family(&'a str),
}

/// The finding for the base image at `span` that `region` does not hold.
pub fn diagnostic(span: Span, region: &str, base: BaseImage<'_>) -> Diagnostic {
    let message = match base {
        BaseImage::Image(id) => {
            format!("image `{}` does not exist in region {region}", excerpt(id))
        }
        BaseImage::Family(family) => format!(
            "image family `{}` has no available image in region {region}",
            excerpt(family)
        ),
    };
    let mut diagnostic = Diagnostic::new(&RULE, span, message);
    diagnostic
        .note("images are regional; the build would fail with InvalidImage.NotFound when it starts")
        .help("use an image of this region (copy it with CopyImage), or an image family, which every region resolves to its own image");
    diagnostic
}
