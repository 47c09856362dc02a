//! The actions a YAML component's tasks can run and the properties each takes: the one table
//! the rules, the JSON Schema and editor completion are built from
//! (`reference/imagebuilder.md` §3.3, from "Commands supported by Image Builder").

/// The operating system a component runs on (`SystemType` of CreateImageComponent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SystemType {
    /// The service's default.
    #[default]
    Linux,
    /// Windows: YAML components only.
    Windows,
}

impl SystemType {
    /// The API's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            SystemType::Linux => "Linux",
            SystemType::Windows => "Windows",
        }
    }
}

/// The type of a property value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PropertyType {
    /// Text.
    String,
    /// An integer or decimal number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A mapping of names to values.
    Json,
}

impl PropertyType {
    /// The documentation's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            PropertyType::String => "String",
            PropertyType::Number => "Number",
            PropertyType::Boolean => "Boolean",
            PropertyType::Json => "Json",
        }
    }
}

/// What a task of an action leaves for `{{ task.stdout }}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Output {
    /// `stdout: String`.
    Stdout,
    /// The documentation says the action has no output.
    None,
    /// The documentation does not say; references to it are allowed.
    Unstated,
}

/// One property of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Property {
    /// The name, as written in `Properties`.
    pub name: &'static str,
    /// The value's type.
    pub ty: PropertyType,
    /// Whether the task must set it.
    pub required: bool,
    /// The documented default, if any.
    pub default: Option<&'static str>,
    /// One sentence for hover and completion.
    pub docs: &'static str,
}

/// One action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Action {
    /// The name, as written after `Action:`.
    pub name: &'static str,
    /// The operating system it is limited to, if the documentation limits it.
    pub system: Option<SystemType>,
    /// Its output.
    pub output: Output,
    /// Its properties, in the documentation's order.
    pub properties: &'static [Property],
    /// One sentence for hover and completion.
    pub docs: &'static str,
}

impl Action {
    /// The property called `name`.
    pub fn property(&self, name: &str) -> Option<&'static Property> {
        self.properties
            .iter()
            .find(|property| property.name == name)
    }
}

const fn property(
    name: &'static str,
    ty: PropertyType,
    required: bool,
    docs: &'static str,
) -> Property {
    Property {
        name,
        ty,
        required,
        default: None,
        docs,
    }
}

use PropertyType::{Boolean, Json, Number, String};

const COMMAND_CONTENT: Property = property("commandContent", String, true, "The command to run.");
const WORKING_DIR: Property = property("workingDir", String, false, "The working directory.");
const USERNAME: Property = property(
    "username",
    String,
    false,
    "The account that runs the command.",
);
const BUCKET_NAME: Property = property(
    "bucketName",
    String,
    true,
    "The OSS bucket; it must carry the tag `allowImageBuilderAccess:true`.",
);
const OBJECT_NAME: Property = property("objectName", String, true, "The OSS object.");
const OSS_REGION: Property = property("ossRegion", String, false, "The region of the OSS bucket.");
const VALID_TIME: Property = property(
    "validTime",
    Number,
    false,
    "How long the OSS object URL stays valid.",
);

/// Every action Image Builder documents, in the documentation's order.
pub static ACTIONS: &[Action] = &[
    Action {
        name: "RunShellCommand",
        system: Some(SystemType::Linux),
        output: Output::Stdout,
        properties: &[COMMAND_CONTENT, WORKING_DIR, USERNAME],
        docs: "Runs a shell script (Linux only). Output: `stdout`.",
    },
    Action {
        name: "RunPowerShellCommand",
        system: Some(SystemType::Windows),
        output: Output::Unstated,
        properties: &[
            COMMAND_CONTENT,
            WORKING_DIR,
            USERNAME,
            property(
                "windowsPasswordName",
                String,
                false,
                "The password of the account that runs the command on Windows.",
            ),
        ],
        docs: "Runs a PowerShell script (Windows only).",
    },
    Action {
        name: "InvokeCommand",
        system: None,
        output: Output::Unstated,
        properties: &[
            property(
                "commandId",
                String,
                true,
                "The ID of the Cloud Assistant common command to run.",
            ),
            USERNAME,
            property(
                "parameters",
                Json,
                false,
                "The command's custom parameters, as key-value pairs.",
            ),
        ],
        docs: "Runs a Cloud Assistant common command.",
    },
    Action {
        name: "OSSDownload",
        system: None,
        output: Output::None,
        properties: &[
            BUCKET_NAME,
            property(
                "destinationDir",
                String,
                true,
                "The directory on the instance to download to.",
            ),
            OBJECT_NAME,
            OSS_REGION,
            VALID_TIME,
        ],
        docs: "Downloads an object from an OSS bucket to the instance. No output.",
    },
    Action {
        name: "OSSUpload",
        system: None,
        output: Output::Unstated,
        properties: &[
            BUCKET_NAME,
            property(
                "fileToUpload",
                String,
                true,
                "The path of the file on the instance to upload.",
            ),
            OBJECT_NAME,
            OSS_REGION,
            VALID_TIME,
        ],
        docs: "Uploads a file from the instance to an OSS bucket.",
    },
    Action {
        name: "WebDownload",
        system: None,
        output: Output::Unstated,
        properties: &[
            property(
                "sourcePath",
                String,
                true,
                "The URL of the file to download.",
            ),
            property(
                "tokenInfo",
                String,
                false,
                "The download token; needed only for GitHub.",
            ),
            property(
                "destinationDir",
                String,
                true,
                "The directory on the instance to download to.",
            ),
            Property {
                default: Some("600"),
                ..property("timeout", Number, false, "The download timeout.")
            },
        ],
        docs: "Downloads a file from the network to the instance.",
    },
    Action {
        name: "Reboot",
        system: None,
        output: Output::None,
        properties: &[Property {
            default: Some("false"),
            ..property(
                "forceStop",
                Boolean,
                false,
                "Whether to force the instance to stop.",
            )
        }],
        docs: "Restarts the instance. No output.",
    },
];

/// The action called `name` (exact spelling).
pub fn action(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|action| action.name == name)
}
